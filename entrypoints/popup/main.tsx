import { createRoot } from 'react-dom/client';
import { Popup } from '../../components/popup/Popup';
import { activeTabHost } from '../../lib/ui/active-tab';
import '../../components/theme.css';

const requested = new URLSearchParams(location.search).get('host');
activeTabHost().then((tabHost) => {
  createRoot(document.getElementById('root')!).render(<Popup initialHost={requested ?? tabHost} />);
});
