import AtRiskIcon from '@mui/icons-material/AccessAlarm';
import { AtRiskPage } from './AtRiskPage.tsx';

export const atRisk = { list: AtRiskPage, icon: AtRiskIcon };
