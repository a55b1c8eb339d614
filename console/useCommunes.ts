/** The district's list of communes, for the pages whose venue form picks one (viewers may read it). */
import { useEffect, useState } from 'react';
import { CommuneListResponseSchema, type Commune } from '../shared/console';
import { request } from './api';

/** The communes, sorted by the server; empty until loaded (or when the list cannot be read). */
export function useCommunes(): readonly Commune[] {
  const [communes, setCommunes] = useState<readonly Commune[]>([]);
  useEffect(() => {
    request('GET', '/api/v1/communes', CommuneListResponseSchema).then(
      (answer) => setCommunes(answer.communes),
      () => setCommunes([]),
    );
  }, []);
  return communes;
}
