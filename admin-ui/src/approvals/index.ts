import ApprovalIcon from '@mui/icons-material/FactCheck';
import { ApprovalsInbox } from './ApprovalsInbox.tsx';

export const approvals = { list: ApprovalsInbox, icon: ApprovalIcon };
