/**
 * The account hierarchy as a tree (group headquarters → provincial → city branches), beside the account list. The tops
 * come from `GET /api/accounts?roots=true`, branches from `GET /api/accounts/{id}/children` when a node is opened, a
 * page at a time ("more"), each with its roll-up of revenue and open orders over the branches below it.
 */
import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Title, TopToolbar, useCreatePath, useDataProvider, useTranslate } from 'react-admin';
import type { Account } from '../api/types.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';
import type { AccountTreePage } from './accountsAdapter.ts';
import { useFormatters } from '../common/formatting.ts';

function RollupFacts({ account }: { account: Account }) {
  const translate = useTranslate();
  const { money } = useFormatters();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  // The tops come without a roll-up: it is read with the account itself.
  const { data } = useQuery({
    queryKey: ['accounts', 'getOne', { id: account.id }],
    queryFn: () => dataProvider.getOne<Account>('accounts', { id: account.id }).then((result) => result.data),
    enabled: account.rollup === undefined,
  });
  const rollup = account.rollup ?? data?.rollup;
  if (!rollup) return null;
  return (
    <Stack direction="row" spacing={1} data-testid={`rollup-${account.id}`}>
      <Chip size="small" variant="outlined" label={translate('kamflow.account_tree.revenue', { amount: money(rollup.monthlyBilledRevenue) })} />
      <Chip size="small" variant="outlined" label={translate('kamflow.account_tree.open_orders', { count: rollup.openOrders })} />
      {rollup.accounts > 1 ? <Chip size="small" variant="outlined" label={translate('kamflow.account_tree.accounts', { count: rollup.accounts })} /> : null}
    </Stack>
  );
}

function Branches({ accountId, depth }: { accountId: string; depth: number }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const branches = useInfiniteQuery({
    queryKey: ['accounts', 'branches', accountId],
    queryFn: ({ pageParam }: { pageParam: string | undefined }) => dataProvider.accountBranches(accountId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: AccountTreePage) => last.nextCursor,
  });
  if (branches.isPending) return <CircularProgress size={18} sx={{ ml: depth * 3 + 2, my: 1 }} />;
  if (branches.isError) return <Typography color="error" sx={{ pl: depth * 3 + 2 }}>{translate('kamflow.account_tree.load_failed')}</Typography>;
  const items = branches.data.pages.flatMap((page) => page.items);
  return (
    <List disablePadding dense>
      {items.length === 0 ? (
        <ListItem sx={{ pl: depth * 3 + 2 }}>
          <ListItemText secondary={translate('kamflow.account_tree.no_branches')} />
        </ListItem>
      ) : null}
      {items.map((branch) => (
        <AccountNode key={branch.id} account={branch} depth={depth} />
      ))}
      {branches.hasNextPage ? (
        <Button size="small" sx={{ ml: depth * 3 + 2 }} onClick={() => void branches.fetchNextPage()} disabled={branches.isFetchingNextPage}>
          {translate('kamflow.account_tree.more')}
        </Button>
      ) : null}
    </List>
  );
}

function AccountNode({ account, depth }: { account: Account; depth: number }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ListItem
        disablePadding
        data-testid={`tree-node-${account.id}`}
        data-account-name={account.name}
        secondaryAction={<RollupFacts account={account} />}
        sx={{ '& .MuiListItemSecondaryAction-root': { right: 16 } }}
      >
        <IconButton size="small" sx={{ ml: depth * 3 }} onClick={() => setOpen((was) => !was)} aria-expanded={open} aria-label={translate(open ? 'kamflow.account_tree.collapse' : 'kamflow.account_tree.expand', { name: account.name })}>
          {open ? <ExpandLess /> : <ExpandMore />}
        </IconButton>
        <ListItemButton component={Link} to={createPath({ resource: 'accounts', type: 'show', id: account.id })} sx={{ pr: 40 }}>
          <ListItemText
            primary={account.name}
            secondary={[translate(`kamflow.tier.${account.tier}`, { _: account.tier }), account.city, account.accountManager].filter(Boolean).join(' · ')}
          />
        </ListItemButton>
      </ListItem>
      <Collapse in={open} unmountOnExit>
        <Branches accountId={account.id} depth={depth + 1} />
      </Collapse>
    </>
  );
}

export function AccountTree() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const roots = useInfiniteQuery({
    queryKey: ['accounts', 'roots'],
    queryFn: ({ pageParam }: { pageParam: string | undefined }) => dataProvider.accountRoots(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: AccountTreePage) => last.nextCursor,
  });
  const items = roots.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Box>
      <Title title={translate('kamflow.account_tree.title')} />
      <TopToolbar>
        <Button component={Link} to="/accounts" size="small">
          {translate('kamflow.account_tree.show_list')}
        </Button>
      </TopToolbar>
      <Card data-testid="account-tree">
        {roots.isPending ? <CircularProgress sx={{ m: 2 }} /> : null}
        {roots.isError ? <Typography color="error" sx={{ p: 2 }}>{translate('kamflow.account_tree.load_failed')}</Typography> : null}
        {roots.isSuccess && items.length === 0 ? <Typography sx={{ p: 2 }}>{translate('kamflow.account_tree.empty')}</Typography> : null}
        <List dense>
          {items.map((account) => (
            <AccountNode key={account.id} account={account} depth={0} />
          ))}
        </List>
        {roots.hasNextPage ? (
          <Button size="small" sx={{ m: 1 }} onClick={() => void roots.fetchNextPage()} disabled={roots.isFetchingNextPage}>
            {translate('kamflow.account_tree.more')}
          </Button>
        ) : null}
      </Card>
    </Box>
  );
}

/** Where App.tsx routes the hierarchy and the account list links to it (Atomic CRM gives its custom pages a `path` too). */
AccountTree.path = '/accounts/tree';
