import { mount } from 'svelte';
import './app.css';
import './lists.css';
import { initI18n } from './lib/i18n';
import { initTheme } from './lib/theme';
import App from './App.svelte';

initTheme();

const target = document.getElementById('app');
if (!target) throw new Error('#app element missing from index.html');

// The first screen waits for its language's messages (one small file, precached).
export default initI18n().then(() => mount(App, { target }));
