import { mount } from 'svelte';
import './app.css';
import { initI18n } from './lib/i18n';
import { initTheme } from './lib/theme';
import App from './App.svelte';

initTheme();
initI18n();

const target = document.getElementById('app');
if (!target) throw new Error('#app element missing from index.html');

export default mount(App, { target });
