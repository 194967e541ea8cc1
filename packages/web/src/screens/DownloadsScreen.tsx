import { Link } from 'react-router';
import { useOrg } from '../auth/session.tsx';

/** Downloads: the agent, how to install it on a site and connect it to this hub. */
export function DownloadsScreen() {
  const { session } = useOrg();
  const hubUrl = window.location.origin;
  return (
    <section aria-labelledby="downloads-title">
      <div className="screen-head">
        <h1 id="downloads-title">Downloads</h1>
      </div>
      <article className="card">
        <h2>Crosspoint agent</h2>
        <p>
          The agent runs on a computer of the site’s network (Linux, macOS or Windows with Node.js 20). It finds the devices on the subnets you
          enable, keeps a live session to each, and connects out to this hub — no inbound firewall rule is needed.
        </p>
        <ol>
          <li>
            Get Crosspoint on the site computer: <code>git clone</code> this project, then <code>npm install</code>.
          </li>
          <li>
            In <Link to="/servers">Servers</Link>, add an agent server account for the site ({session.currentOrg?.name}). Note its login (
            <code>name@code</code>) and password.
          </li>
          <li>
            Start the agent with the site’s subnets and this hub:
            <pre className="code">
              {`npm run crosspoint -- agent \\
  --subnets 192.168.10.0/24@eth0 \\
  --hub-url ${hubUrl} \\
  --account "<login from Servers>" --password "<its password>"`}
            </pre>
          </li>
          <li>Within a minute the server shows Connected and its devices appear on the dashboard.</li>
        </ol>
        <p className="muted">
          Every option can also come from the environment (see docs/configuration.md). Device passwords the agent learns are stored sealed
          (AES-256-GCM) in its data folder.
        </p>
      </article>
    </section>
  );
}
