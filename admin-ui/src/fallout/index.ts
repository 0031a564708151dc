import FalloutIcon from '@mui/icons-material/ReportProblem';
import { FalloutList } from './FalloutList.tsx';

export const fallout = { list: FalloutList, icon: FalloutIcon };
