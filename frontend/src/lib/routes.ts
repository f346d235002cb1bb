// The app's screens, who may see them, and where to go after signing in. Pure functions
// (no Svelte, no DOM) so they can be unit-tested; App.svelte maps names to components.
import type { Role } from '../api/types';

/** guest: works signed out; user: any signed-in person; otherwise one of the roles. */
export type Access = 'guest' | 'user' | readonly Role[];

export const ROUTES = {
  signIn: { path: '/sign-in', access: 'guest' },
  signUp: { path: '/sign-up', access: 'guest' },
  // The link a sign-up mails (`?token=…`): opening it creates the organisation.
  confirmSignUp: { path: '/confirm-sign-up', access: 'guest' },
  forgotPassword: { path: '/forgot-password', access: 'guest' },
  resetPassword: { path: '/reset-password', access: 'guest' },
  acceptInvitation: { path: '/accept-invitation', access: 'guest' },
  home: { path: '/home', access: 'user' },
  today: { path: '/today', access: 'user' },
  profile: { path: '/profile', access: 'user' },
  people: { path: '/admin/people', access: ['admin'] },
  person: { path: '/admin/people/:id', access: ['admin'] },
  teams: { path: '/admin/teams', access: ['admin', 'lead'] },
  invitations: { path: '/admin/invitations', access: ['admin', 'lead'] },
  mailbox: { path: '/admin/mailbox', access: ['admin'] },
  // Results (issue #18): KPI data (leads import for their teams' agents), a team's KPIs and
  // the impact of coaching paths, and one's own KPIs.
  data: { path: '/admin/data', access: ['admin', 'lead'] },
  learn: { path: '/learn', access: 'user' },
  lesson: { path: '/learn/:key', access: 'user' },
  practice: { path: '/practice', access: 'user' },
  play: { path: '/practice/:key', access: 'user' },
  authorLessons: { path: '/author/lessons', access: ['admin', 'trainer'] },
  lessonPreview: { path: '/author/lessons/:id/preview', access: ['admin', 'trainer'] },
  // The block editor: `new`, or a version to edit.
  lessonEditor: { path: '/author/lessons/:id/edit', access: ['admin', 'trainer'] },
  competencies: { path: '/author/competencies', access: ['admin', 'trainer'] },
  authorScenarios: { path: '/author/scenarios', access: ['admin', 'trainer'] },
  scenarioEditor: { path: '/author/scenarios/:id', access: ['admin', 'trainer'] },
  authority: { path: '/admin/authority', access: ['admin'] },
  // Coaching (docs/coaching.md). `/coaching/sessions/new` comes before `/coaching/sessions/:id`:
  // the first route that matches wins.
  coaching: { path: '/coaching', access: ['admin', 'lead'] },
  mySessions: { path: '/coaching/mine', access: 'user' },
  teamDashboard: { path: '/coaching/teams/:id', access: ['admin', 'lead'] },
  agentDetail: { path: '/coaching/teams/:team/agents/:user', access: ['admin', 'lead'] },
  assign: { path: '/coaching/assign', access: ['admin', 'lead'] },
  teamResults: { path: '/coaching/results', access: ['admin', 'lead'] },
  paths: { path: '/coaching/paths', access: ['admin', 'trainer', 'lead'] },
  pathEditor: { path: '/coaching/paths/:id', access: ['admin', 'trainer', 'lead'] },
  // A path template's words in another language, beside its source.
  pathTranslation: { path: '/coaching/paths/:id/texts/:locale', access: ['admin', 'trainer', 'lead'] },
  // Leads list them (to choose one when recording a session); trainers and admins also create.
  scorecards: { path: '/coaching/scorecards', access: ['admin', 'trainer', 'lead'] },
  scorecardTranslation: { path: '/coaching/scorecards/:id/texts/:locale', access: ['admin', 'trainer'] },
  newSession: { path: '/coaching/sessions/new', access: ['admin', 'lead'] },
  coachingSession: { path: '/coaching/sessions/:id', access: ['admin', 'lead'] },
  myPaths: { path: '/paths', access: 'user' },
  myResults: { path: '/me/results', access: 'user' },
  // Train-the-trainer (issue #8). The trainee's side is for anyone (only leads, trainers and
  // admins are ever enrolled); `/certifications/cascade` comes before `/certifications/:id`.
  myTracks: { path: '/my-tracks', access: 'user' },
  trackModule: { path: '/my-tracks/:enrolment/modules/:module', access: 'user' },
  myCertifications: { path: '/my-certifications', access: 'user' },
  verify: { path: '/verify/:id', access: 'guest' },
  tracks: { path: '/tracks', access: ['admin', 'trainer'] },
  trackEditor: { path: '/tracks/:id', access: ['admin', 'trainer'] },
  trackTranslation: { path: '/tracks/:id/texts/:locale', access: ['admin', 'trainer'] },
  trackTrainees: { path: '/tracks/:id/trainees', access: ['admin', 'trainer'] },
  assessments: { path: '/assessments', access: ['admin', 'trainer'] },
  assessment: { path: '/assessments/:id', access: ['admin', 'trainer'] },
  cascade: { path: '/certifications/cascade', access: ['admin', 'trainer'] },
  certifications: { path: '/certifications', access: ['admin', 'trainer'] },
  // The holder, admins and trainers (the server answers 404 to anyone else).
  certification: { path: '/certifications/:id', access: 'user' },
  // Decisions on real contacts (docs/empowerment.md): anyone logs theirs and sees their
  // team's feed; leads answer approvals; leads and admins read the report.
  logDecision: { path: '/decisions/new', access: 'user' },
  myDecisions: { path: '/decisions/mine', access: 'user' },
  decisionFeed: { path: '/decisions/feed', access: 'user' },
  approvals: { path: '/decisions/approvals', access: ['admin', 'lead'] },
  empowerment: { path: '/empowerment', access: ['admin', 'lead'] },
  // Good practices: everyone reads them; trainers and admins translate and retire them.
  goodPractices: { path: '/good-practices', access: 'user' },
  // Procedures that listen and the pulse (docs/listening.md): an agent's suggestions, the
  // answerers' inbox (leads read their teams'), and the pulse per team.
  mySuggestions: { path: '/suggestions', access: ['agent'] },
  suggestionInbox: { path: '/suggestions/inbox', access: ['admin', 'trainer', 'lead'] },
  pulseTrend: { path: '/pulse', access: ['admin', 'lead'] },
} as const satisfies Record<string, { path: string; access: Access }>;

export type RouteName = keyof typeof ROUTES;

/** Screens with wide tables that may use a tablet's width. */
export const WIDE: ReadonlySet<RouteName> = new Set<RouteName>(['teamDashboard', 'agentDetail', 'coachingSession']);

export interface Match {
  name: RouteName;
  access: Access;
  params: Record<string, string>;
}

/** Finds the screen for a pathname (trailing slashes ignored), or null. */
export function matchRoute(pathname: string): Match | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const parts = path.split('/');
  for (const [name, route] of Object.entries(ROUTES) as [RouteName, (typeof ROUTES)[RouteName]][]) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        if (!parts[i]) return false;
        try {
          params[segment.slice(1)] = decodeURIComponent(parts[i]);
        } catch {
          return false;
        }
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return { name, access: route.access, params };
  }
  return null;
}

/** Whether someone with `roles` (null: signed out) may open a screen with `access`. */
export function mayAccess(access: Access, roles: readonly string[] | null): boolean {
  if (access === 'guest') return true;
  if (roles === null) return false;
  if (access === 'user') return true;
  return access.some((role) => roles.includes(role));
}

/** Only same-site app paths may be returned to after sign-in (no open redirects). */
export function isSafeNext(next: string | null | undefined): next is string {
  return !!next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\');
}

/** /sign-in, remembering where to come back to. */
export function signInUrl(next?: string | null): string {
  if (!isSafeNext(next) || next === '/' || next.startsWith('/sign-in')) return '/sign-in';
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/** Where to go after signing in: the remembered screen, else home. */
export function afterSignIn(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return isSafeNext(next) && !next.startsWith('/sign-in') ? next : '/home';
}
