import ProductIcon from '@mui/icons-material/Category';
import { ProductEdit, ProductList, ProductShow } from './ProductPages.tsx';

export const products = { list: ProductList, show: ProductShow, edit: ProductEdit, icon: ProductIcon };
