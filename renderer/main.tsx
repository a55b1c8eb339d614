import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectKiosk } from './kioskClient';
import { App } from './App';
import './styles.css';

const connection = connectKiosk();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App connection={connection} />
    </StrictMode>,
  );
}
