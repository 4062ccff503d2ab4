/**
 * Zendesk shows status localised; QueueLens stores the system status so history compares
 * across agents' languages. Unknown labels (custom statuses) are kept as shown, lower-cased.
 */
const STATUS_LABELS: Record<string, string> = {
  new: 'new', neu: 'new', nouveau: 'new', nuevo: 'new', novo: 'new', '新規': 'new',
  open: 'open', offen: 'open', ouvert: 'open', abierto: 'open', aberto: 'open', 'オープン': 'open',
  pending: 'pending', wartend: 'pending', 'en attente': 'pending', pendiente: 'pending', pendente: 'pending', '保留中': 'pending',
  'on-hold': 'hold', 'on hold': 'hold', hold: 'hold', angehalten: 'hold', 'en pause': 'hold', 'en espera': 'hold', 'em espera': 'hold', '待機中': 'hold',
  solved: 'solved', gelöst: 'solved', résolu: 'solved', resuelto: 'solved', resolvido: 'solved', '解決済み': 'solved',
  closed: 'closed', geschlossen: 'closed', clos: 'closed', fermé: 'closed', cerrado: 'closed', fechado: 'closed', '終了': 'closed',
};

export function normaliseStatus(label: string): string {
  const normal = label.replace(/\s+/g, ' ').trim().toLowerCase();
  return STATUS_LABELS[normal] ?? normal;
}
