import { graphql } from '#lib/gql';

export const ViewerBadgeFragment = graphql(`
  fragment ViewerBadge_user on User {
    name
    email
    role
  }
`);
