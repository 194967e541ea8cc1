import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { currentTerms } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';

/** Read and accept the Terms of Use and Privacy Policy, once per version. Nothing else works before. */
export function TermsDialog({ open }: { open: boolean }) {
  const client = useQueryClient();
  const [terms, setTerms] = useState(false);
  const [privacy, setPrivacy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      await api.post('/api/v1/auth/accept-terms', currentTerms);
      await client.invalidateQueries();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title="Read and accept terms" open={open} onClose={() => undefined}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="terms-text" tabIndex={0} aria-label="Terms of Use and Privacy Policy">
          <h3>Terms of Use (version {currentTerms.terms})</h3>
          <p>
            Crosspoint lets your organization monitor and control its audio and video devices. Use it only for devices you are
            allowed to manage. Actions you take are recorded in your organization’s history with your name, time and address.
          </p>
          <h3>Privacy Policy (version {currentTerms.privacy})</h3>
          <p>
            We keep your name, email address, optional SMS number, sign-in times and addresses to run the service and to protect
            your account. Your organization’s owners can see them. Nothing is sold or shared with third parties.
          </p>
        </div>
        <label className="check">
          <input type="checkbox" checked={terms} onChange={(e) => setTerms(e.target.checked)} /> I accept the Terms of Use
        </label>
        <label className="check">
          <input type="checkbox" checked={privacy} onChange={(e) => setPrivacy(e.target.checked)} /> I accept the Privacy Policy
        </label>
        <FormError error={error} />
        <button type="submit" disabled={!terms || !privacy}>
          Accept
        </button>
      </form>
    </Dialog>
  );
}
