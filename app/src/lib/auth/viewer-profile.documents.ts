import { graphql } from '#lib/gql';

export const ViewerProfileFragment = graphql(`
  fragment ViewerProfile_user on User {
    name
    email
    role
  }
`);
