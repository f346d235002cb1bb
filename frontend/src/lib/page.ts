import { t } from './i18n';
import { hasNavigated } from './router';

/**
 * `<h1 use:pageHeading={title}>`: sets document.title from the messages and, after a
 * client-side navigation, moves focus to the heading so screen readers announce the screen.
 */
export function pageHeading(node: HTMLElement, title: string) {
  const setTitle = (value: string) => {
    document.title = t('meta.pageTitle', { values: { page: value } });
  };
  setTitle(title);
  if (hasNavigated()) {
    node.setAttribute('tabindex', '-1');
    node.focus();
  }
  return { update: setTitle };
}
