/**
 * A recorder process's internal HTTP server: API processes fetch the live fragments of the cameras this
 * recorder holds (requests signed with the cluster key). Placeholder until the live proxy lands.
 */
import type { RecorderView } from '../recorder/recorder-view.ts';

export interface RecorderLiveServerOptions {
  recorder: RecorderView;
  host: string;
  /** 0: any free port. */
  port: number;
  /** The address written into recorder_nodes.live_url; default: host. */
  advertiseHost?: string | undefined;
  /** The cluster's HMAC key (KeyRing.clusterKey()). */
  key: Buffer;
}

export interface RecorderLiveServer {
  /** http://advertiseHost:port, for recorder_nodes.live_url. */
  url: string;
  close(): Promise<void>;
}

export function startRecorderLiveServer(options: RecorderLiveServerOptions): Promise<RecorderLiveServer> {
  return Promise.reject(new Error(`the recorder's live server is not built yet (${options.host}:${options.port})`));
}
