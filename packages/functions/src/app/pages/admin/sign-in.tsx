/** The sign-in pages: ask for a link, check your inbox, and the link's page with its one button. */
import { DeskLayout } from "./layout.tsx";

export function SignInPage({ error }: { error?: string | undefined }) {
  return (
    <DeskLayout title="Sign in">
      <h1>Sign in to the desk</h1>
      <p>Enter your address: if you are one of the newsletter's editors, we email you a link that signs you in.</p>
      <form class="stack" method="post" action="/admin/sign-in">
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
          aria-invalid={error ? "true" : undefined}
        />
        <button type="submit">Email me a sign-in link</button>
      </form>
    </DeskLayout>
  );
}

export function SignInSentPage() {
  return (
    <DeskLayout title="Check your inbox">
      <h1>Check your inbox</h1>
      <p role="status">
        If this address belongs to an editor, a sign-in link is on its way. It works once, for 15 minutes.
      </p>
      <p>
        <a href="/admin/sign-in">Ask for another link</a>
      </p>
    </DeskLayout>
  );
}

/** What the emailed link opens: nothing happens until the button is pressed (mail scanners open links). */
export function SignInLinkPage({ token }: { token: string }) {
  return (
    <DeskLayout title="Sign in">
      <h1>Sign in to the desk</h1>
      <form class="stack" method="post" action="/admin/sign-in/link">
        <input type="hidden" name="token" value={token} />
        <button type="submit">Sign in</button>
      </form>
    </DeskLayout>
  );
}

export function SignInRefusedPage({ message }: { message: string }) {
  return (
    <DeskLayout title="This link does not work">
      <h1>This link does not work</h1>
      <p>{message}</p>
      <p>
        <a href="/admin/sign-in">Ask for a new link</a>
      </p>
    </DeskLayout>
  );
}
