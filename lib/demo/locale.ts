import type { SimPriority, SimStatus } from './types';
import type { ColumnId } from './views';

/** Display languages of the simulated Agent Workspace. Labels match lib/zendesk headers/statuses. */
export type Locale = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja';
export const LOCALES: readonly Locale[] = ['en', 'de', 'fr', 'es', 'pt', 'ja'];

interface Strings {
  columns: Record<ColumnId, string>;
  status: Record<SimStatus, string>;
  priority: Record<SimPriority, string>;
  tickets: (n: number) => string;
  groupBy: Record<'group' | 'status' | 'assignee', string>;
  unassigned: string;
  noGroup: string;
  refresh: string;
  next: string;
  previous: string;
  selectAll: string;
  selectRow: (id: number) => string;
  views: string;
  noTickets: string;
}

const COMMON_ID = 'ID';

export const STRINGS: Record<Locale, Strings> = {
  en: {
    columns: { status: 'Status', id: COMMON_ID, priority: 'Priority', subject: 'Subject', requester: 'Requester', created: 'Requested', updated: 'Updated', group: 'Group', assignee: 'Assignee', sla: 'Next SLA breach', custom: 'Product area' },
    status: { new: 'New', open: 'Open', pending: 'Pending', hold: 'On-hold', solved: 'Solved', closed: 'Closed', deleted: 'Deleted' },
    priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
    tickets: (n) => `${n} ${n === 1 ? 'ticket' : 'tickets'}`,
    groupBy: { group: 'Group', status: 'Status', assignee: 'Assignee' },
    unassigned: 'Unassigned', noGroup: 'No group', refresh: 'Refresh views', next: 'Next page', previous: 'Previous page',
    selectAll: 'Select all tickets', selectRow: (id) => `Select ticket #${id}`, views: 'Views', noTickets: 'No tickets in this view',
  },
  de: {
    columns: { status: 'Status', id: COMMON_ID, priority: 'Priorität', subject: 'Betreff', requester: 'Anfragender', created: 'Angefragt', updated: 'Aktualisiert', group: 'Gruppe', assignee: 'Bearbeiter', sla: 'Nächste SLA-Verletzung', custom: 'Produktbereich' },
    status: { new: 'Neu', open: 'Offen', pending: 'Wartend', hold: 'Angehalten', solved: 'Gelöst', closed: 'Geschlossen', deleted: 'Gelöscht' },
    priority: { low: 'Niedrig', normal: 'Normal', high: 'Hoch', urgent: 'Dringend' },
    tickets: (n) => `${n} Tickets`,
    groupBy: { group: 'Gruppe', status: 'Status', assignee: 'Bearbeiter' },
    unassigned: 'Nicht zugewiesen', noGroup: 'Keine Gruppe', refresh: 'Ansichten aktualisieren', next: 'Nächste Seite', previous: 'Vorherige Seite',
    selectAll: 'Alle Tickets auswählen', selectRow: (id) => `Ticket #${id} auswählen`, views: 'Ansichten', noTickets: 'Keine Tickets in dieser Ansicht',
  },
  fr: {
    columns: { status: 'Statut', id: COMMON_ID, priority: 'Priorité', subject: 'Sujet', requester: 'Demandeur', created: 'Demandé', updated: 'Mis à jour', group: 'Groupe', assignee: 'Assigné', sla: 'Prochaine violation de SLA', custom: 'Domaine produit' },
    status: { new: 'Nouveau', open: 'Ouvert', pending: 'En attente', hold: 'En pause', solved: 'Résolu', closed: 'Clos', deleted: 'Supprimé' },
    priority: { low: 'Faible', normal: 'Normale', high: 'Élevée', urgent: 'Urgente' },
    tickets: (n) => `${n} tickets`,
    groupBy: { group: 'Groupe', status: 'Statut', assignee: 'Assigné' },
    unassigned: 'Non assigné', noGroup: 'Aucun groupe', refresh: 'Actualiser les vues', next: 'Page suivante', previous: 'Page précédente',
    selectAll: 'Sélectionner tous les tickets', selectRow: (id) => `Sélectionner le ticket #${id}`, views: 'Vues', noTickets: 'Aucun ticket dans cette vue',
  },
  es: {
    columns: { status: 'Estado', id: COMMON_ID, priority: 'Prioridad', subject: 'Asunto', requester: 'Solicitante', created: 'Solicitado', updated: 'Actualizado', group: 'Grupo', assignee: 'Asignado', sla: 'Próximo incumplimiento de SLA', custom: 'Área de producto' },
    status: { new: 'Nuevo', open: 'Abierto', pending: 'Pendiente', hold: 'En espera', solved: 'Resuelto', closed: 'Cerrado', deleted: 'Eliminado' },
    priority: { low: 'Baja', normal: 'Normal', high: 'Alta', urgent: 'Urgente' },
    tickets: (n) => `${n} tickets`,
    groupBy: { group: 'Grupo', status: 'Estado', assignee: 'Asignado' },
    unassigned: 'Sin asignar', noGroup: 'Sin grupo', refresh: 'Actualizar vistas', next: 'Página siguiente', previous: 'Página anterior',
    selectAll: 'Seleccionar todos los tickets', selectRow: (id) => `Seleccionar ticket #${id}`, views: 'Vistas', noTickets: 'No hay tickets en esta vista',
  },
  pt: {
    columns: { status: 'Status', id: COMMON_ID, priority: 'Prioridade', subject: 'Assunto', requester: 'Solicitante', created: 'Solicitada', updated: 'Atualizado', group: 'Grupo', assignee: 'Atribuído', sla: 'Próxima violação de SLA', custom: 'Área do produto' },
    status: { new: 'Novo', open: 'Aberto', pending: 'Pendente', hold: 'Em espera', solved: 'Resolvido', closed: 'Fechado', deleted: 'Excluído' },
    priority: { low: 'Baixa', normal: 'Normal', high: 'Alta', urgent: 'Urgente' },
    tickets: (n) => `${n} tickets`,
    groupBy: { group: 'Grupo', status: 'Status', assignee: 'Atribuído' },
    unassigned: 'Não atribuído', noGroup: 'Sem grupo', refresh: 'Atualizar visualizações', next: 'Próxima página', previous: 'Página anterior',
    selectAll: 'Selecionar todos os tickets', selectRow: (id) => `Selecionar ticket #${id}`, views: 'Visualizações', noTickets: 'Nenhum ticket nesta visualização',
  },
  ja: {
    columns: { status: 'ステータス', id: COMMON_ID, priority: '優先度', subject: '件名', requester: '依頼者', created: 'リクエスト日', updated: '更新日', group: 'グループ', assignee: '担当者', sla: '次のSLA違反', custom: '製品エリア' },
    status: { new: '新規', open: 'オープン', pending: '保留中', hold: '待機中', solved: '解決済み', closed: '終了', deleted: '削除済み' },
    priority: { low: '低', normal: '普通', high: '高', urgent: '緊急' },
    tickets: (n) => `${n}件のチケット`,
    groupBy: { group: 'グループ', status: 'ステータス', assignee: '担当者' },
    unassigned: '未割り当て', noGroup: 'グループなし', refresh: 'ビューを更新', next: '次のページ', previous: '前のページ',
    selectAll: 'すべてのチケットを選択', selectRow: (id) => `チケット#${id}を選択`, views: 'ビュー', noTickets: 'このビューにチケットはありません',
  },
};

export function isLocale(value: string | null | undefined): value is Locale {
  return !!value && (LOCALES as readonly string[]).includes(value);
}

/** Intl tag per display language (dates are shown in UTC, the simulation's clock). */
export const INTL_TAG: Record<Locale, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', pt: 'pt-BR', ja: 'ja-JP' };
