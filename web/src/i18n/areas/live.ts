/** The live wall: tiles, their buttons and states. */
export const en = {
  wall: {
    empty: 'Empty tile',
    pick: 'Choose a camera…',
    close: 'Close this tile',
    fullscreen: 'Full screen',
    wallFullscreen: 'Whole wall full screen',
    snapshot: 'Snapshot',
    recording: 'Recording',
    notRecording: 'Not recording',
    reconnecting: 'Reconnecting… (attempt {{attempt}})',
    layoutOption: '{{n}} tiles',
  },
};

export const zh: typeof en = {
  wall: {
    empty: '空窗格',
    pick: '选择摄像机…',
    close: '关闭此窗格',
    fullscreen: '全屏',
    wallFullscreen: '整墙全屏',
    snapshot: '截图',
    recording: '正在录像',
    notRecording: '未在录像',
    reconnecting: '正在重新连接…(第 {{attempt}} 次)',
    layoutOption: '{{n}} 画面',
  },
};
