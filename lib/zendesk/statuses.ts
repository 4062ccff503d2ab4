/**
 * Zendesk shows status and priority localised; QueueLens stores the system status so history compares
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

/** Labels repeat down a view: each distinct one is normalised once (a few, so the memo stays small). */
function memoised(normalise: (label: string) => string): (label: string) => string {
  const known = new Map<string, string>();
  return (label) => {
    let normal = known.get(label);
    if (normal === undefined) {
      normal = normalise(label);
      if (known.size < 500) known.set(label, normal);
    }
    return normal;
  };
}

export const normaliseStatus = memoised((label) => {
  const normal = label.replace(/\s+/g, ' ').trim().toLowerCase();
  return STATUS_LABELS[normal] ?? normal;
});

/** Priority labels in the agent languages we read → Zendesk's system priority. */
const PRIORITY_LABELS: Record<string, string> = {
  low: 'low', niedrig: 'low', faible: 'low', basse: 'low', baja: 'low', baixa: 'low', '低': 'low',
  normal: 'normal', normale: 'normal', '標準': 'normal', '普通': 'normal',
  high: 'high', hoch: 'high', 'élevée': 'high', haute: 'high', alta: 'high', '高': 'high',
  urgent: 'urgent', dringend: 'urgent', urgente: 'urgent', '緊急': 'urgent',
};

export const normalisePriority = memoised((label) => {
  const normal = label.replace(/\s+/g, ' ').trim().toLowerCase();
  return PRIORITY_LABELS[normal] ?? normal;
});
