/**
 * Every folder's messages, merged into one tree per language, over react-admin's own. Each folder owns the texts its
 * pages show in a `*Messages.ts`: its share of the tree (`resources.<name>`, its `kamflow.*` sections), Chinese first and
 * English typed as `typeof zh`, so a key missing in one language is a compile error. sharedMessages.ts holds the
 * console's frame and the domain's words that pages of several folders show.
 */
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { accountMessages } from '../accounts/accountMessages.ts';
import { approvalMessages } from '../approvals/approvalMessages.ts';
import { atRiskMessages } from '../atRisk/atRiskMessages.ts';
import { authMessages } from '../auth/authMessages.ts';
import { calendarMessages } from '../calendars/calendarMessages.ts';
import { contractMessages } from '../contracts/contractMessages.ts';
import { escalationMessages } from '../escalations/escalationMessages.ts';
import { falloutMessages } from '../fallout/falloutMessages.ts';
import { lifecycleMessages } from '../orders/lifecycleMessages.ts';
import { orderMessages } from '../orders/orderMessages.ts';
import { catalogueMessages } from '../products/catalogueMessages.ts';
import { slaDashboardMessages } from '../slaDashboard/slaDashboardMessages.ts';
import { slaPolicyMessages } from '../slaPolicies/slaPolicyMessages.ts';
import { userMessages } from '../users/userMessages.ts';
import { mergeMessages, type FolderMessages } from './mergeMessages.ts';
import { raChineseMessages } from './raChineseMessages.ts';
import { sharedMessages } from './sharedMessages.ts';

const folderMessages: readonly FolderMessages[] = [
  sharedMessages,
  authMessages,
  orderMessages,
  lifecycleMessages,
  accountMessages,
  contractMessages,
  approvalMessages,
  catalogueMessages,
  slaPolicyMessages,
  calendarMessages,
  falloutMessages,
  userMessages,
  slaDashboardMessages,
  atRiskMessages,
  escalationMessages,
];

export const zhCNMessages: TranslationMessages = { ...raChineseMessages, ...mergeMessages(folderMessages.map((folder) => folder.zh)) };
export const enMessages: TranslationMessages = { ...englishMessages, ...mergeMessages(folderMessages.map((folder) => folder.en)) };
