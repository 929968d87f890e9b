/**
 * Official PRC public holidays (放假) and make-up working days (调休上班) for 2025 and 2026, as data.
 * A date listed in `restDays` is a rest day even on a weekday; a date in `makeUpWorkdays` is a working
 * day even on a weekend. Every other date follows the week (Saturday and Sunday rest).
 * Add a year by appending an entry with its source; `calendar.ts` treats any year not listed here as
 * "not covered" and falls back to weekends only.
 */
export interface HolidayPeriod {
  name: { zh: string; en: string };
  /** Inclusive range of rest days, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  /** Weekend days that are working days because of this holiday. */
  makeUpWorkdays: string[];
}

export interface HolidayYear {
  year: number;
  source: { title: string; docNo: string; issued: string; note: string };
  periods: HolidayPeriod[];
}

export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2025,
    source: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      docNo: '国办发明电〔2024〕12号',
      issued: '2024-11-12',
      note: 'First year with 2 extra statutory holidays (春节除夕, 劳动节5月2日) under the revised 全国年节及纪念日放假办法.',
    },
    periods: [
      { name: { zh: '元旦', en: "New Year's Day" }, from: '2025-01-01', to: '2025-01-01', makeUpWorkdays: [] },
      { name: { zh: '春节', en: 'Spring Festival' }, from: '2025-01-28', to: '2025-02-04', makeUpWorkdays: ['2025-01-26', '2025-02-08'] },
      { name: { zh: '清明节', en: 'Qingming Festival' }, from: '2025-04-04', to: '2025-04-06', makeUpWorkdays: [] },
      { name: { zh: '劳动节', en: 'Labour Day' }, from: '2025-05-01', to: '2025-05-05', makeUpWorkdays: ['2025-04-27'] },
      { name: { zh: '端午节', en: 'Dragon Boat Festival' }, from: '2025-05-31', to: '2025-06-02', makeUpWorkdays: [] },
      {
        name: { zh: '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' },
        from: '2025-10-01',
        to: '2025-10-08',
        makeUpWorkdays: ['2025-09-28', '2025-10-11'],
      },
    ],
  },
  {
    year: 2026,
    source: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      docNo: '国办发明电〔2025〕7号',
      issued: '2025-11-04',
      note: 'Text as published by Xinhua on 2025-11-04 (e.g. politics.gmw.cn/2025-11/04/content_38391083.htm).',
    },
    periods: [
      { name: { zh: '元旦', en: "New Year's Day" }, from: '2026-01-01', to: '2026-01-03', makeUpWorkdays: ['2026-01-04'] },
      { name: { zh: '春节', en: 'Spring Festival' }, from: '2026-02-15', to: '2026-02-23', makeUpWorkdays: ['2026-02-14', '2026-02-28'] },
      { name: { zh: '清明节', en: 'Qingming Festival' }, from: '2026-04-04', to: '2026-04-06', makeUpWorkdays: [] },
      { name: { zh: '劳动节', en: 'Labour Day' }, from: '2026-05-01', to: '2026-05-05', makeUpWorkdays: ['2026-05-09'] },
      { name: { zh: '端午节', en: 'Dragon Boat Festival' }, from: '2026-06-19', to: '2026-06-21', makeUpWorkdays: [] },
      { name: { zh: '中秋节', en: 'Mid-Autumn Festival' }, from: '2026-09-25', to: '2026-09-27', makeUpWorkdays: [] },
      { name: { zh: '国庆节', en: 'National Day' }, from: '2026-10-01', to: '2026-10-07', makeUpWorkdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
];
