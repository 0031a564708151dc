/**
 * The product catalogue (产品目录): every product's current version with its bandwidths, list prices and stage template
 * (the default time limit of each stage, which times orders without a contract), its earlier versions, and — for
 * administrators — saving a new version. Orders keep the version they were placed with.
 */
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  ArrayInput,
  Datagrid,
  Edit,
  EditButton,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  TopToolbar,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { bandwidths, orderStages } from '../api/types.ts';
import { useFormatters } from '../common/formatting.ts';

type StageLimit = { stage: string; workingDays?: number; workingHours?: number };
type ProductRecord = {
  id: string;
  version: number;
  name: string;
  nameZh: string;
  bandwidths: { bandwidth: string; oneOffCharge: number; monthlyCharge: number }[];
  stageTemplate: StageLimit[];
  updatedBy?: string;
  updatedAt?: string;
  history?: ProductRecord[];
};

function useLimitText() {
  const translate = useTranslate();
  return (limit: StageLimit) =>
    [limit.workingDays !== undefined ? translate('kamflow.catalogue.days', { count: limit.workingDays }) : '', limit.workingHours !== undefined ? translate('kamflow.catalogue.hours', { count: limit.workingHours }) : '']
      .filter(Boolean)
      .join(' ');
}

export function ProductList() {
  const translate = useTranslate();
  const format = useFormatters();
  return (
    <List exporter={false} pagination={false} title={translate('kamflow.catalogue.title')}>
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="product-list">
        <FunctionField<ProductRecord> label="kamflow.catalogue.product" render={(product) => translate(`kamflow.product.${product.id}`, { _: product.nameZh })} />
        <NumberField source="version" label="kamflow.catalogue.version" />
        <FunctionField<ProductRecord>
          label="kamflow.catalogue.prices"
          render={(product) => product.bandwidths.map((price) => `${price.bandwidth} ${format.money(price.monthlyCharge, 'CNY')}`).join(' · ')}
        />
        <FunctionField<ProductRecord> label="kamflow.catalogue.activation" render={(product) => product.stageTemplate.find((limit) => limit.stage === 'ACTIVATION')?.workingDays ?? '—'} />
      </Datagrid>
    </List>
  );
}

function StageTemplateTable({ template }: { template: StageLimit[] }) {
  const translate = useTranslate();
  const limitText = useLimitText();
  return (
    <Table size="small" data-testid="stage-template">
      <TableHead>
        <TableRow>
          <TableCell>{translate('kamflow.catalogue.stage')}</TableCell>
          <TableCell>{translate('kamflow.catalogue.limit')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {template.map((limit) => (
          <TableRow key={limit.stage}>
            <TableCell>{translate(`kamflow.stage.${limit.stage}`, { _: limit.stage })}</TableCell>
            <TableCell>{limitText(limit)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ProductDetails() {
  const translate = useTranslate();
  const format = useFormatters();
  const product = useRecordContext<ProductRecord>();
  if (!product) return null;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 3 }}>
      <Typography variant="h6">
        {translate(`kamflow.product.${product.id}`, { _: product.nameZh })} · {translate('kamflow.catalogue.version')} {product.version}
        {product.updatedBy ? ` · ${product.updatedBy} ${format.dateTime(product.updatedAt)}` : ''}
      </Typography>
      <Box>
        <Typography variant="subtitle1">{translate('kamflow.catalogue.prices')}</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.orders.fields.bandwidth')}</TableCell>
              <TableCell>{translate('kamflow.order.one_off_charge')}</TableCell>
              <TableCell>{translate('kamflow.order.monthly_charge')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {product.bandwidths.map((price) => (
              <TableRow key={price.bandwidth}>
                <TableCell>{price.bandwidth}</TableCell>
                <TableCell>{format.money(price.oneOffCharge, 'CNY')}</TableCell>
                <TableCell>{format.money(price.monthlyCharge, 'CNY')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Box>
        <Typography variant="subtitle1">{translate('kamflow.catalogue.template')}</Typography>
        <StageTemplateTable template={product.stageTemplate} />
      </Box>
      {product.history && product.history.length > 1 ? (
        <Box data-testid="product-history">
          <Typography variant="subtitle1">{translate('kamflow.catalogue.history')}</Typography>
          {product.history.map((version) => (
            <Typography key={version.version} variant="body2">
              {translate('kamflow.catalogue.version')} {version.version}
              {version.updatedBy ? ` · ${version.updatedBy} · ${format.dateTime(version.updatedAt)}` : ` · ${translate('kamflow.catalogue.built_in')}`}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

export function ProductShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <EditButton />
        </TopToolbar>
      }
    >
      <ProductDetails />
    </Show>
  );
}

export function ProductEdit() {
  const translate = useTranslate();
  return (
    // pessimistic: the new version exists only once the API has taken it (a stale version is a 409).
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <Typography variant="body2" color="text.secondary">
          {translate('kamflow.catalogue.edit_hint')}
        </Typography>
        <TextInput source="reason" label="kamflow.catalogue.reason" validate={required()} fullWidth />
        <ArrayInput source="bandwidths" label="kamflow.catalogue.prices">
          <SimpleFormIterator inline>
            <SelectInput source="bandwidth" label="resources.orders.fields.bandwidth" choices={bandwidths.map((value) => ({ id: value, name: value }))} validate={required()} />
            <NumberInput source="oneOffCharge" label="kamflow.order.one_off_charge" validate={required()} />
            <NumberInput source="monthlyCharge" label="kamflow.order.monthly_charge" validate={required()} />
          </SimpleFormIterator>
        </ArrayInput>
        <ArrayInput source="stageTemplate" label="kamflow.catalogue.template">
          <SimpleFormIterator inline>
            <SelectInput source="stage" label="kamflow.catalogue.stage" choices={orderStages.map((stage) => ({ id: stage, name: `kamflow.stage.${stage}` }))} validate={required()} />
            <NumberInput source="workingDays" label="kamflow.catalogue.working_days" />
            <NumberInput source="workingHours" label="kamflow.catalogue.working_hours" />
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </Edit>
  );
}

