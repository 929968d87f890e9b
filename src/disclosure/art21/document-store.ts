/** Proof documents of art. 21 requests, under `<dataDir>/disclosure/art21/<request>/<document>`. */
import path from 'node:path';
import { IdFileStore } from '../../shared/id-file-store.ts';

export class Art21DocumentStore extends IdFileStore {
  constructor(dataDir: string) {
    super(path.join(dataDir, 'disclosure', 'art21'), { zh: '证明材料路径无效', en: 'Invalid document path' });
  }
}
