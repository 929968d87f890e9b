/** The bar's groups of pages. */
export const en = {
  nav: { group: { operate: 'Watch', comply: 'Duties', evidence: 'Evidence', administer: 'Administration' } },
};

export const zh: typeof en = {
  nav: { group: { operate: '值守', comply: '合规', evidence: '证据', administer: '管理' } },
};
