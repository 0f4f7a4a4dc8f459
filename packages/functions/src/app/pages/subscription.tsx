/** The pages a reader meets on the way in and out: the signup form and every outcome. */
import { z } from "zod";
import { newsletter } from "@tidings/templates/newsletter";
import { Layout } from "./layout.tsx";

/** A theme as the landing page lists it (`themes().list`). */
export interface CoveredTheme {
  name: string;
  about?: string;
}

/** Which form a signup came from, recorded with its consent (POST /subscribe reads it with this). */
export const SignupFormId = z.enum(["home", "retry", "unsubscribed"]);
export type SignupFormId = z.infer<typeof SignupFormId>;

/**
 * The signup form: a labelled email field, a honeypot hidden from people (off-screen, out of the
 * tab order, hidden from screen readers) and one button. Works without JavaScript.
 */
export function SignupForm({ form, value, error }: { form: SignupFormId; value?: string; error?: string }) {
  const describedBy = error ? "email-error email-help" : "email-help";
  return (
    <form class="signup" method="post" action="/subscribe">
      <label for="email">Your email address</label>
      {error ? (
        <p id="email-error" class="error" role="alert">
          {error}
        </p>
      ) : null}
      <input
        type="email"
        id="email"
        name="email"
        autocomplete="email"
        required
        value={value ?? ""}
        aria-describedby={describedBy}
        aria-invalid={error ? "true" : undefined}
      />
      <p id="email-help" class="help">
        One email a week. We send a link to confirm first; every email has a one-click unsubscribe.
      </p>
      <div class="hp" aria-hidden="true">
        <label for="website">Leave this field empty</label>
        <input type="text" id="website" name="website" tabindex={-1} autocomplete="off" />
      </div>
      <input type="hidden" name="form" value={form} />
      <button type="submit">Subscribe</button>
    </form>
  );
}

export function LandingPage({
  themes,
  latestWeek,
  error,
  value,
}: {
  themes: CoveredTheme[];
  latestWeek: string | undefined;
  error?: string;
  value?: string;
}) {
  return (
    <Layout title={error ? "Check your address" : undefined}>
      <h1>{newsletter.name}</h1>
      <p class="lead">{newsletter.tagline}</p>
      <SignupForm form={error ? "retry" : "home"} value={value} error={error} />
      <h2>What it covers</h2>
      <ul class="themes">
        {themes.map((t) => (
          <li>
            <strong>{t.name}</strong>
            {t.about ? <span class="muted"> · {t.about}</span> : null}
          </li>
        ))}
      </ul>
      <p>
        {latestWeek ? (
          <a href={`/digests/${latestWeek}`}>Read the latest issue</a>
        ) : (
          <a href="/digests">Browse past issues</a>
        )}
      </p>
    </Layout>
  );
}

/** The one answer to every valid signup: it says nothing about whether the address was known. */
export function CheckInboxPage({ email }: { email: string }) {
  return (
    <Layout title="Check your inbox">
      <h1>Check your inbox</h1>
      <p>
        If <strong>{email}</strong> is not subscribed yet, an email with a confirmation link is on its way to it. Open
        the link to start receiving {newsletter.name}.
      </p>
      <p class="muted">
        Nothing arrived after a few minutes? Look in your spam folder, or ask again in 10 minutes. Already subscribed?
        Then there is nothing more to do.
      </p>
    </Layout>
  );
}

export function WelcomePage({ already, preferences }: { already: boolean; preferences: string }) {
  return (
    <Layout title="You are subscribed">
      <h1>{already ? "You are already subscribed" : "Welcome aboard"}</h1>
      <p>
        {already
          ? `Your address is confirmed: ${newsletter.name} arrives every week.`
          : `Your address is confirmed: ${newsletter.name} will arrive with the next weekly issue.`}
      </p>
      <p>
        Every issue covers all our topics. Want only some of them?{" "}
        <a href={preferences}>Choose your topics in your preferences</a>. Every issue links there too.
      </p>
      <p>
        <a href="/digests">Read past issues in the archive</a>
      </p>
    </Layout>
  );
}

/** A confirm or unsubscribe link that cannot be used; after a confirm link, the form to start over. */
export function LinkProblemPage({
  title,
  message,
  signup = true,
}: {
  title: string;
  message: string;
  signup?: boolean;
}) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {signup ? <SignupForm form="retry" /> : null}
    </Layout>
  );
}

/** A GET shows this and changes nothing: mail scanners open links, people press buttons. */
export function UnsubscribePage({ token }: { token: string }) {
  return (
    <Layout title="Unsubscribe">
      <h1>Unsubscribe from {newsletter.name}?</h1>
      <p>You will get no more emails from us. You can sign up again at any time.</p>
      <form class="unsubscribe" method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
        <button type="submit">Unsubscribe</button>
      </form>
    </Layout>
  );
}

export function UnsubscribedPage() {
  return (
    <Layout title="Unsubscribed">
      <h1>You are unsubscribed</h1>
      <p>You will get no more emails from {newsletter.name}. Changed your mind? Sign up again:</p>
      <SignupForm form="unsubscribed" />
    </Layout>
  );
}
