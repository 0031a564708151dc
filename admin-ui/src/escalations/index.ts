import EscalationIcon from '@mui/icons-material/NotificationsActive';
import { EscalationsPage } from './EscalationsPage.tsx';

export const escalations = { list: EscalationsPage, icon: EscalationIcon };
