import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectKiosk } from './kioskClient';
import { ScanScreen } from './screens/ScanScreen';
import './styles.css';

const connection = connectKiosk();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ScanScreen connection={connection} />
    </StrictMode>,
  );
}
