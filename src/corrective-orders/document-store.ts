/**
 * Documents of corrective orders (the scan of the order, the evidence of correction), under
 * `<dataDir>/corrective-orders/<order>/<document>`.
 */
import path from 'node:path';
import { IdFileStore } from '../shared/id-file-store.ts';

export class OrderDocumentStore extends IdFileStore {
  constructor(dataDir: string) {
    super(path.join(dataDir, 'corrective-orders'), { zh: '文件路径无效', en: 'Invalid document path' });
  }
}
