import { createRoot } from 'react-dom/client';
import { TicketPanel } from '../../components/panel/TicketPanel';
import '../../components/theme.css';

// Embedded by the content script on ticket pages: panel.html?key=<tool:host:id>
const key = new URLSearchParams(location.search).get('key') ?? '';
createRoot(document.getElementById('root')!).render(<TicketPanel ticketKey={key} />);
