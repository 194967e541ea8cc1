import type { Location } from '@crosspoint/protocol';

/** A select's options, one per location, named by its whole path ("HQ › Floor 3 › Room 3.14"). */
export function LocationOptions({ locations }: { locations: Location[] }) {
  return locations.map((l) => (
    <option key={l.id} value={l.id}>
      {l.path.join(' › ')}
    </option>
  ));
}
