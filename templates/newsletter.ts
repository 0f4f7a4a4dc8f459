/**
 * Who the newsletter is: its name and what it covers, shown on the signup page, in every
 * email's header and subject. Edit to make Tidings your own newsletter.
 */
export const newsletter = {
  name: "Tidings: Semiconductors",
  tagline: "A weekly digest of semiconductor-industry news: chips, fabs, memory, policy and the markets.",
};
