import type { ColumnField } from './selectors';

/**
 * Column header labels → field, in the display languages agents use. Zendesk lets agents
 * reorder and hide columns, so meaning always comes from the label, never the position.
 * Keys are lower-cased, trimmed labels.
 */
const HEADER_LABELS: Record<ColumnField, string[]> = {
  id: ['id', 'ticket id', '#', 'ticket-id', 'n.º', 'nº', 'id do ticket', 'チケットid', 'チケット id'],
  subject: ['subject', 'betreff', 'sujet', 'objet', 'asunto', 'assunto', '件名'],
  status: ['status', 'ticket status', 'statut', 'estado', 'ステータス', 'estado del ticket', 'status do ticket'],
  assignee: ['assignee', 'assigned to', 'bearbeiter', 'zugewiesener mitarbeiter', 'assigné', 'assigné à', 'agent assigné', 'asignado', 'asignado a', 'atribuído', 'atribuído a', '担当者'],
  group: ['group', 'assignee group', 'gruppe', 'groupe', 'grupo', 'グループ'],
  priority: ['priority', 'priorität', 'priorité', 'prioridad', 'prioridade', '優先度'],
  requester: ['requester', 'anfragender', 'demandeur', 'solicitante', '依頼者', 'requerente'],
  created: ['requested', 'created', 'angefragt', 'erstellt', 'demandé', 'créé', 'créée', 'solicitado', 'creado', 'criado', 'solicitada', 'リクエスト日', '作成日'],
  updated: ['updated', 'last updated', 'aktualisiert', 'mis à jour', 'mise à jour', 'actualizado', 'atualizado', '更新日'],
  sla: ['next sla breach', 'sla', 'nächste sla-verletzung', 'prochaine violation de sla', 'próximo incumplimiento de sla', 'próxima violação de sla', '次のsla違反'],
  other: [],
};

const LOOKUP = new Map<string, ColumnField>();
for (const [field, labels] of Object.entries(HEADER_LABELS) as [ColumnField, string[]][]) {
  for (const label of labels) LOOKUP.set(label, field);
}

export function fieldOfHeaderLabel(label: string): ColumnField {
  const normal = label.replace(/\s+/g, ' ').trim().toLowerCase();
  return LOOKUP.get(normal) ?? 'other';
}
