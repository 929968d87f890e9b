/** API shapes of the corrective-order pages, from the generated schema. */
import type { BodyOf, ResponseOf } from '../api/http.ts';

export type Order = ResponseOf<'/api/corrective-orders/{id}'>;
export type OrderItem = Order['items'][number];
export type OrderAlert = ResponseOf<'/api/corrective-orders/alerts'>[number];
export type RecordBody = BodyOf<'/api/corrective-orders'>;
export type ItemBody = RecordBody['items'][number];
export type FindingLink = ItemBody['findings'] extends (infer L)[] | undefined ? L : never;

/** The penalty articles an order may be made under, and the article each one's duty comes from. */
export const ORDER_ARTICLES: Record<Order['articles'][number], string> = { '13': '13', '26': '7.3/9.1', '27.1': '8.1', '27.2': '8.2', '28': '10', '29': '14', '30': '23(2)' };
