/**
 * Jira list / queue column header labels → field. Users add, hide and reorder columns, so
 * meaning comes from the label (th aria-label in the native table, shared:jira_cloud_ssr_issue_
 * navigator), never the position. Keys are lower-cased, trimmed labels.
 */
export type JiraColumnField = 'key' | 'summary' | 'status' | 'assignee' | 'priority' | 'created' | 'updated' | 'sla' | 'other';

const HEADER_LABELS: Record<Exclude<JiraColumnField, 'other' | 'sla'>, string[]> = {
  key: ['key', 'issue key', 'work item key', 'schlüssel', 'clé', 'clave', 'chave', 'キー'],
  // "Work" is the merged key + summary column of the 2026 navigator.
  summary: ['work', 'summary', 'request', 'zusammenfassung', 'résumé', 'resumen', 'resumo', '要約', 'arbeit', 'travail', 'trabajo', 'trabalho'],
  status: ['status', 'statut', 'estado', 'ステータス'],
  assignee: ['assignee', 'bearbeiter', 'zugewiesene person', 'responsable', 'personne assignée', 'persona asignada', 'responsável', '担当者'],
  priority: ['priority', 'priorität', 'priorité', 'prioridad', 'prioridade', '優先度'],
  created: ['created', 'erstellt', 'création', 'créé', 'creado', 'criado', '作成日'],
  updated: ['updated', 'aktualisiert', 'mise à jour', 'actualizado', 'atualizado', '更新日'],
};

const LOOKUP = new Map<string, JiraColumnField>();
for (const [field, labels] of Object.entries(HEADER_LABELS) as [JiraColumnField, string[]][]) {
  for (const label of labels) LOOKUP.set(label, field);
}

/** JSM SLA columns are named after the SLA metric ("Time to first response", "Time to resolution"). */
const SLA_LABEL = /^(time to |sla\b|zeit bis|temps jusqu|tiempo hasta|tempo até|tempo para)/i;

export function fieldOfJiraHeader(label: string): JiraColumnField {
  const normal = label.replace(/\s+/g, ' ').trim().toLowerCase();
  return LOOKUP.get(normal) ?? (SLA_LABEL.test(normal) ? 'sla' : 'other');
}

/** JSM virtual-table column ids (cell test id suffixes) that name a field without a label. */
export function fieldOfJiraColumnId(id: string): JiraColumnField {
  switch (id.toLowerCase()) {
    case 'issuekey':
    case 'key':
      return 'key';
    case 'summary':
      return 'summary';
    case 'status':
      return 'status';
    case 'assignee':
      return 'assignee';
    case 'priority':
      return 'priority';
    case 'created':
      return 'created';
    case 'updated':
      return 'updated';
    default:
      return 'other';
  }
}
