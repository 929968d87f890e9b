import { OrderDetail } from './OrderDetail.tsx';
import { OrderForm } from './OrderForm.tsx';
import { OrderList } from './OrderList.tsx';

/** #/corrective-orders, #/corrective-orders/new, #/corrective-orders/<id>. */
export function CorrectiveOrdersPage({ parts, mayAdminister }: { parts: string[]; mayAdminister: boolean }) {
  const [arg] = parts;
  if (arg === 'new') return <OrderForm />;
  if (arg) return <OrderDetail id={arg} mayClose={mayAdminister} />;
  return <OrderList mayRecord={mayAdminister} />;
}
