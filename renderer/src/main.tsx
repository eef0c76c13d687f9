import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApiClient } from './api';
import { createWebAudioPlayer } from './sound/player';
import { createStores } from './stores';
import { StoresContext } from './stores/context';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

function localStorageOrNull(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const stores = createStores(createApiClient(), { sound: { player: createWebAudioPlayer(), storage: localStorageOrNull() } });
stores.start();

createRoot(root).render(
  <StrictMode>
    <StoresContext value={stores}>
      <App />
    </StoresContext>
  </StrictMode>,
);
