// The bottom navigation per role: at most four screens in the bar, and "More" holding the
// rest, so every label fits a 390 px phone whole. Pure (no Svelte, no DOM) to unit-test.
// To add a screen to someone's navigation: its label and icon in `SCREENS` (once), its name in
// that role's `more` list below.
import type { Role } from '../api/types';
import { ROLES } from '../api/types';
import { mayAccess, ROUTES, type RouteName } from './routes';

/** One place the navigation leads: a screen, its label's message key and a 24×24 icon. */
export interface NavEntry {
  name: RouteName;
  key: string;
  icon: string;
}

/** Screens in the bar (besides "More"): four at most. */
export const BAR_MAX = 4;

const ICONS = {
  home: 'M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10',
  learn: 'M2 6l10-3 10 3-10 3zM6 8v6c0 2 3 3 6 3s6-1 6-3V8M22 6v6',
  practice:
    'M4 5h11a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H9l-4 3v-3H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM17 9h3a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-1v3l-4-3h-2',
  paths: 'M5 21V4M5 4h12l-2.5 4L17 12H5',
  coaching: 'M9 3h6v3H9zM7 4.5H5V21h14V4.5h-2M8.5 13.5l2.5 2.5 4.5-5',
  lessons: 'M4 4h6a2 2 0 0 1 2 2v14a2 2 0 0 0-2-2H4zM20 4h-6a2 2 0 0 0-2 2v14a2 2 0 0 1 2-2h6z',
  scenarios: 'M6 3v6M6 15v6M18 9v6M6 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM18 3a3 3 0 1 0 0 6M18 15a3 3 0 1 0 0 6M9 12h6',
  competencies: 'M12 3l2.6 5.4 5.9.8-4.3 4.1 1 5.9-5.2-2.8-5.2 2.8 1-5.9-4.3-4.1 5.9-.8z',
  people: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8ZM2 21a7 7 0 0 1 14 0M17 4a4 4 0 0 1 0 7M22 21a7 7 0 0 0-4-6.3',
  teams:
    'M12 12a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM5 10a2.5 2.5 0 1 0 0-5M19 10a2.5 2.5 0 1 0 0-5M6 20a6 6 0 0 1 12 0M1 18a4.5 4.5 0 0 1 4-4.4M23 18a4.5 4.5 0 0 0-4-4.4',
  invitations: 'M3 6h18v12H3zM3 6l9 7 9-7',
  mailbox: 'M3 13h5l1.5 3h5L16 13h5M5 5h14l2 8v6H3v-6z',
  profile: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9ZM3.5 21a8.5 8.5 0 0 1 17 0',
  assessments: 'M4 4h16v16H4zM8 12l3 3 5-6',
  tracks: 'M4 20l4-8 4 4 4-10 4 14',
  results: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  certificate: 'M12 15a5 5 0 1 0 0-10 5 5 0 0 0 0 10ZM8.5 13.5 7 22l5-3 5 3-1.5-8.5',
  sessions: 'M4 5h16v15H4zM4 10h16M9 3v4M15 3v4',
  authority: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z',
  data: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
} as const;

/** Each screen's label (a `nav.*` message) and icon, once, whichever roles show it. */
const SCREENS = {
  home: ['home', 'home'],
  learn: ['learn', 'learn'],
  practice: ['practice', 'practice'],
  myPaths: ['myPaths', 'paths'],
  mySessions: ['mySessions', 'sessions'],
  myResults: ['myResults', 'results'],
  myDecisions: ['myDecisions', 'authority'],
  decisionFeed: ['decisionFeed', 'teams'],
  goodPractices: ['goodPractices', 'certificate'],
  mySuggestions: ['mySuggestions', 'mailbox'],
  profile: ['profile', 'profile'],
  coaching: ['coaching', 'coaching'],
  teamResults: ['teamResults', 'results'],
  approvals: ['approvals', 'authority'],
  empowerment: ['empowerment', 'results'],
  suggestionInbox: ['suggestionInbox', 'mailbox'],
  pulseTrend: ['pulseTrend', 'results'],
  teams: ['teams', 'teams'],
  invitations: ['invitations', 'invitations'],
  data: ['data', 'data'],
  paths: ['pathTemplates', 'paths'],
  myTracks: ['myTracks', 'tracks'],
  authorLessons: ['lessons', 'lessons'],
  authorScenarios: ['scenarios', 'scenarios'],
  assessments: ['assessments', 'assessments'],
  tracks: ['tracks', 'tracks'],
  competencies: ['competencies', 'competencies'],
  certifications: ['certifications', 'certificate'],
  scorecards: ['scorecards', 'assessments'],
  people: ['people', 'people'],
  authority: ['authority', 'authority'],
  mailbox: ['mailbox', 'mailbox'],
} as const satisfies Partial<Record<RouteName, readonly [string, keyof typeof ICONS]>>;

type Screen = keyof typeof SCREENS;

/** The entries of `screens`; `[screen, label]` gives a screen another label for this role. */
const entries = (screens: (Screen | readonly [Screen, string])[]): NavEntry[] =>
  screens.map((s) => {
    const [name, label] = typeof s === 'string' ? [s, SCREENS[s][0]] : s;
    return { name, key: `nav.${label}`, icon: ICONS[SCREENS[name][1]] };
  });

/**
 * Each role's navigation: `bar`, the screens they use most (at most four), and `more`, the
 * rest in the order the "More" list shows them. Someone with several roles gets the bar of
 * their first role in `ROLES` order and every other role's screens under "More".
 */
export const NAV: Record<Role, { bar: NavEntry[]; more: NavEntry[] }> = {
  agent: {
    bar: entries(['home', 'learn', 'practice', 'myPaths']),
    more: entries(['mySessions', 'myResults', 'myDecisions', 'decisionFeed', 'goodPractices', 'mySuggestions', 'profile']),
  },
  lead: {
    bar: entries(['home', 'coaching', 'practice', 'learn']),
    more: entries([
      'teamResults',
      'approvals',
      'decisionFeed',
      'goodPractices',
      'empowerment',
      'suggestionInbox',
      'pulseTrend',
      'teams',
      'invitations',
      'data',
      'paths',
      'myTracks',
      'myPaths',
      'mySessions',
      'profile',
    ]),
  },
  trainer: {
    bar: entries(['home', 'authorLessons', 'authorScenarios', 'assessments']),
    more: entries([
      'tracks',
      'competencies',
      'certifications',
      'paths',
      'scorecards',
      // Trainers read every team's decisions for stories to share and to turn into role-plays.
      ['decisionFeed', 'decisionStories'],
      'goodPractices',
      'suggestionInbox',
      'learn',
      'myTracks',
      'profile',
    ]),
  },
  admin: {
    bar: entries(['home', 'people', 'teams', 'coaching']),
    more: entries([
      'invitations',
      'authority',
      'approvals',
      'empowerment',
      ['decisionFeed', 'decisionStories'],
      'goodPractices',
      'suggestionInbox',
      'pulseTrend',
      'mailbox',
      'data',
      'authorLessons',
      'authorScenarios',
      'assessments',
      'tracks',
      'competencies',
      'learn',
      'profile',
    ]),
  },
};

/** The "More" button's icon. */
export const MORE_ICON = ICONS.more;

/** What someone with `roles` sees: the bar and the "More" list, each screen once, only screens they may open. */
export function navFor(roles: readonly string[]): { bar: NavEntry[]; more: NavEntry[] } {
  const mine = ROLES.filter((role) => roles.includes(role));
  const allowed = (e: NavEntry) => mayAccess(ROUTES[e.name].access, roles);
  const primary = mine[0] ?? 'agent';
  const bar = NAV[primary].bar.filter(allowed).slice(0, BAR_MAX);
  const seen = new Set<RouteName>(bar.map((e) => e.name));
  const more: NavEntry[] = [];
  for (const role of [primary, ...mine.filter((r) => r !== primary)]) {
    for (const e of [...(role === primary ? [] : NAV[role].bar), ...NAV[role].more]) {
      if (seen.has(e.name) || !allowed(e)) continue;
      seen.add(e.name);
      more.push(e);
    }
  }
  return { bar, more };
}

/**
 * The entry for the screen at `pathname`: the one whose path is the longest prefix of it
 * ("/coaching/paths" is "Path templates", not "Coaching"), or null.
 */
export function currentEntry(entries: readonly NavEntry[], pathname: string): RouteName | null {
  let best: RouteName | null = null;
  let length = -1;
  for (const e of entries) {
    const base = ROUTES[e.name].path;
    if ((pathname === base || pathname.startsWith(`${base}/`)) && base.length > length) {
      best = e.name;
      length = base.length;
    }
  }
  return best;
}
