/** The recorder processes page: web/src/cluster/. */
export const en = {
  recorders: {
    nav: 'Recorders',
    title: 'Recorders',
    introCluster: 'The recorder processes of this cluster. Each camera is recorded by one of them, which holds its lease and renews it every few seconds; when a recorder dies, another takes its cameras over once their leases run out.',
    introSingle: 'This server records its cameras itself: one process, no cluster.',
    none: 'No recorder is running.',
    col: { node: 'Recorder', state: 'State', heartbeat: 'Last heartbeat', version: 'Version', cameras: 'Cameras held', leaseUntil: 'Leases until' },
    state: { alive: 'Running', lost: 'Lost', stopped: 'Stopped' },
    cameraCount_one: '{{count}} camera',
    cameraCount_other: '{{count}} cameras',
  },
};

export const zh = {
  recorders: {
    nav: '录像节点',
    title: '录像节点',
    introCluster: '本集群的录像进程。每路摄像机由其中一个录像节点录制:它持有该摄像机的租约并每隔几秒续期;某个节点失效后,租约到期时其摄像机由其他节点接管。',
    introSingle: '本服务器自行录制其摄像机:单进程,未组成集群。',
    none: '没有正在运行的录像节点。',
    col: { node: '录像节点', state: '状态', heartbeat: '最近心跳', version: '版本', cameras: '所持摄像机', leaseUntil: '租约有效至' },
    state: { alive: '运行中', lost: '失联', stopped: '已停止' },
    cameraCount_one: '{{count}} 路',
    cameraCount_other: '{{count}} 路',
  },
};
