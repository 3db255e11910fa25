import { expect, test } from "@playwright/test";
import { hydrated, mailedLink, registerAndSignIn, screenshot, signIn, unique, uniqueEmail } from "./support";

test("a shopper registers, confirms the email, signs in, sees the profile and signs out", async ({ page }) => {
  const email = uniqueEmail("shopper");
  await registerAndSignIn(page, email, "Ploy", { confirm: false });
  await expect(page.getByText("not confirmed yet")).toBeVisible();

  await page.goto(await mailedLink(email, "/verify-email"));
  await expect(page.getByRole("status")).toHaveText("Your email is confirmed. Welcome to DropSlot!");

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(page.getByText(`${email} · confirmed`)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account", exact: true })).toBeVisible();
  await expect(page.locator(".session-list")).toContainText("This device");
  await page.setViewportSize({ width: 360, height: 800 });
  await screenshot(page, "account-360");

  await hydrated(page);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Please sign in");
});

test("profile and preferences are saved", async ({ page }) => {
  await registerAndSignIn(page, uniqueEmail("profile"));
  await hydrated(page);
  await page.getByLabel("Your name").fill("Somchai");
  // Choosing Thai here re-renders the page in Thai: tests/languages.spec.ts follows that.
  await page.getByLabel("Time zone").fill("Asia/Bangkok");
  await page.getByLabel("SMS").check();
  // Texts need a number to go to, with its country code.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "mobile" })).toContainText("Add a mobile number to get texts");
  await page.getByLabel("Mobile number for texts").fill("081 234 5678");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "country code" })).toBeVisible();
  await page.getByLabel("Mobile number for texts").fill("+66 81 234 5678");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Your name")).toHaveValue("Somchai");
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Bangkok");
  await expect(page.getByLabel("SMS")).toBeChecked();
  await expect(page.getByLabel("Mobile number for texts")).toHaveValue("+66812345678");
});

test("bad sign-up and sign-in input gets clear messages", async ({ page }) => {
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("Email").fill("someone@example.com");
  await page.getByLabel("Your name").fill("Someone");
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#field-password-error")).toHaveText("is one of the most common passwords; choose another");

  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "wrong" })).toHaveText("The email or password is wrong.");
});

test("an owner invites a staff member, who accepts", async ({ browser }) => {
  const ownerEmail = uniqueEmail("owner");
  const staffEmail = uniqueEmail("staff");
  const storeName = unique("Door Team Bakery");
  const slug = storeName.toLowerCase().replace(/ /g, "-");

  const owner = await (await browser.newContext()).newPage();
  await registerAndSignIn(owner, ownerEmail, "Nok");
  await owner.goto("/owner/stores");
  await hydrated(owner);
  await owner.getByLabel("Name").fill(storeName);
  await owner.getByRole("button", { name: "Create store" }).click();
  await owner.getByRole("row", { name: storeName }).getByRole("link", { name: "Members" }).click();
  await expect(owner).toHaveURL(`/owner/stores/${slug}/members`);
  await hydrated(owner);
  await owner.getByLabel("Email").fill(staffEmail);
  await owner.getByLabel("Role").selectOption("staff");
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByText("Invitation sent.")).toBeVisible();
  await expect(owner.getByText(`${staffEmail} · Staff`)).toBeVisible();

  const staff = await (await browser.newContext()).newPage();
  const invitation = await mailedLink(staffEmail, "/invitations/accept");
  await staff.goto(invitation);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Please sign in");
  await registerAndSignIn(staff, staffEmail, "Lek");
  await staff.goto(invitation);
  await hydrated(staff);
  await staff.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(staff.getByRole("status")).toHaveText(`You are now on the team of ${storeName}.`);

  await owner.reload();
  await expect(owner.getByRole("row", { name: /Lek/ })).toContainText("Staff");
  await expect(owner.getByText("No invitations are waiting.")).toBeVisible();
  await screenshot(owner, "members-1280");
});

test("signing in again later goes back where the person was headed", async ({ page }) => {
  const email = uniqueEmail("returning");
  await registerAndSignIn(page, email);
  await page.context().clearCookies();
  await signIn(page, email, "/owner/stores");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your stores");
});

test("a forgotten password is reset from the mailed link, once", async ({ page }) => {
  const email = uniqueEmail("forgetful");
  await registerAndSignIn(page, email);
  await page.context().clearCookies();

  await page.goto("/forgot-password");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If that email has an account");

  const link = await mailedLink(email, "/reset-password");
  await page.goto(link);
  await hydrated(page);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.locator("#field-password-error")).toHaveText("must be at least 10 characters");
  await page.getByLabel("New password", { exact: true }).fill("brand-new-harbour-9");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  await page.goto(link);
  await hydrated(page);
  await page.getByLabel("New password", { exact: true }).fill("another-harbour-10");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "link" })).toHaveText("This link is invalid, already used or expired.");

  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("brand-new-harbour-9");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/account");
});
