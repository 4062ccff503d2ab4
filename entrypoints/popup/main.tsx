import { createRoot } from 'react-dom/client';
import { Popup } from '../../components/popup/Popup';
import { readPopupState } from '../../components/popup/usePopupState';
import { activeTabHost } from '../../lib/ui/active-tab';
import '../../components/theme.css';
import { db } from '../../lib/db/database';

// Open the database while the active tab and remembered state are read: the first queries need it.
void db().open().catch(() => undefined);
const requested = new URLSearchParams(location.search).get('host');
Promise.all([activeTabHost(), readPopupState()]).then(([tabHost, remembered]) => {
  createRoot(document.getElementById('root')!).render(
    <Popup initialHost={requested ?? tabHost} rememberedScope={remembered.scope} initialTab={remembered.tab} />,
  );
});
