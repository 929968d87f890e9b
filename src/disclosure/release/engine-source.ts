/**
 * Where the release workflow gets its redaction engine: loaded on first use (the detectors are heavy),
 * or given directly (a tool or test that brings its own engine at the machine's edge).
 */
import type { RedactionEngine } from '../../redaction/model.ts';
import { engineUnavailable } from './errors.ts';

export class EngineSource {
  private engine: Promise<RedactionEngine> | undefined;

  constructor(private readonly load?: () => Promise<RedactionEngine>) {}

  use(engine: RedactionEngine): void {
    this.engine = Promise.resolve(engine);
  }

  get(): Promise<RedactionEngine> {
    if (!this.engine) {
      if (!this.load) return Promise.reject(engineUnavailable());
      this.engine = this.load();
      this.engine.catch(() => (this.engine = undefined));
    }
    return this.engine;
  }
}
