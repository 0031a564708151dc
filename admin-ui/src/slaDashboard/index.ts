import DashboardIcon from '@mui/icons-material/Insights';
import { SlaDashboard } from './SlaDashboard.tsx';

export const slaDashboard = { list: SlaDashboard, icon: DashboardIcon };
