import { createRoot } from 'react-dom/client';
import { Report } from '../../components/report/Report';
import '../../components/theme.css';

const host = new URLSearchParams(location.search).get('host') ?? undefined;
createRoot(document.getElementById('root')!).render(<Report initialHost={host} />);
