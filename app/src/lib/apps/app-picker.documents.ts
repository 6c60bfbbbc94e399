import { graphql } from '#lib/gql';

/** What the app picker shows about one app. */
export const AppPickerFragment = graphql(`
  fragment AppPicker_app on App {
    id
    name
    description
    provider
    model
    canUse
    capabilities
  }
`);

export const AppsDocument = graphql(`
  query Apps {
    apps(first: 100) {
      edges {
        node {
          id
          ...AppPicker_app
        }
      }
    }
  }
`);
