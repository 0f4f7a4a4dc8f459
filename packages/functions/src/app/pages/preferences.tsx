/** The preference center's pages: themes, and the ways to a new address, one's data, out. */
import { newsletter } from "@tidings/templates/newsletter";
import { slug } from "@tidings/core/email/text";
import type { SubscriberState } from "@tidings/core/subscription/subscriber";
import { Layout } from "./layout.tsx";
import type { CoveredTheme } from "./subscription.tsx";

/** Where the reader's own links go, token included (paths on this site). */
export interface ReaderPaths {
  preferences: string;
  address: string;
  data: string;
  unsubscribe: string;
  delete: string;
}

const stateNotes: Partial<Record<SubscriberState, string>> = {
  pending: "Your address is not confirmed yet: open the link in the confirmation email to start receiving it.",
  unsubscribed: "You are unsubscribed: you get no emails from us. Sign up again on the front page to come back.",
  suppressed: "Mail to your address bounced or was reported as spam, so we no longer send to it.",
};

export function PreferencesPage({
  email,
  state,
  themes,
  ticked,
  paths,
  saved,
  error,
}: {
  email: string;
  state: SubscriberState;
  themes: CoveredTheme[];
  ticked: string[];
  paths: ReaderPaths;
  saved?: boolean;
  error?: string;
}) {
  const chosen = new Set(ticked);
  return (
    <Layout title="Your preferences">
      <h1>Your preferences</h1>
      <p>
        {newsletter.name} is sent to <strong>{email}</strong>.
      </p>
      {stateNotes[state] ? <p class="notice">{stateNotes[state]}</p> : null}
      {saved ? (
        <p class="notice" role="status">
          Saved. Your next issue holds{" "}
          {ticked.length === themes.length ? "every topic" : "only the topics ticked below"}.
        </p>
      ) : null}
      <form class="preferences" method="post" action={paths.preferences}>
        <fieldset aria-describedby={error ? "themes-error themes-help" : "themes-help"}>
          <legend>Topics in your weekly email</legend>
          {error ? (
            <p id="themes-error" class="error" role="alert">
              {error} <a href={paths.unsubscribe}>Unsubscribe</a>
            </p>
          ) : null}
          <p id="themes-help" class="help">
            Your issue holds only the topics you tick; a week with nothing in them sends you nothing. The archive always
            has every topic.
          </p>
          {themes.map((t) => {
            const id = `theme-${slug(t.name)}`;
            return (
              <div class="choice">
                <input
                  type="checkbox"
                  id={id}
                  name="themes"
                  value={t.name}
                  checked={chosen.has(t.name)}
                  aria-describedby={t.about ? `${id}-about` : undefined}
                />
                <label for={id}>{t.name}</label>
                {t.about ? (
                  <span id={`${id}-about`} class="muted about">
                    {t.about}
                  </span>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <button type="submit">Save my topics</button>
      </form>
      <h2>Your subscription</h2>
      <ul class="reader-links">
        <li>
          <a href={paths.address}>Change my address</a>
        </li>
        <li>
          <a href={paths.data}>Download my data</a>{" "}
          <span class="muted">(JSON: address, dates, topics, issues sent)</span>
        </li>
        <li>
          <a href={paths.unsubscribe}>Unsubscribe</a>
        </li>
        <li>
          <a href={paths.delete}>Delete me</a> <span class="muted">(forget my address and history)</span>
        </li>
      </ul>
    </Layout>
  );
}

/** The form for a new address (GET changes nothing; POST sends the new address its link). */
export function ChangeAddressPage({
  email,
  action,
  back,
  value,
  error,
}: {
  email: string;
  action: string;
  back: string;
  value?: string;
  error?: string;
}) {
  return (
    <Layout title="Change my address">
      <h1>Change my address</h1>
      <p>
        {newsletter.name} is sent to <strong>{email}</strong>. We send a link to the new address; the change is made
        when you open it.
      </p>
      <form class="signup" method="post" action={action}>
        <label for="email">New email address</label>
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
          aria-describedby={error ? "email-error" : undefined}
          aria-invalid={error ? "true" : undefined}
        />
        <button type="submit">Send the link</button>
      </form>
      <p>
        <a href={back}>Back to your preferences</a>
      </p>
    </Layout>
  );
}

/** A page with one button (what a GET shows before a POST acts: mail scanners open links). */
export function ConfirmActionPage({
  title,
  message,
  action,
  button,
  back,
}: {
  title: string;
  message: string;
  action: string;
  button: string;
  back?: string;
}) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <form class="unsubscribe" method="post" action={action}>
        <button type="submit">{button}</button>
      </form>
      {back ? (
        <p>
          <a href={back}>Back to your preferences</a>
        </p>
      ) : null}
    </Layout>
  );
}
