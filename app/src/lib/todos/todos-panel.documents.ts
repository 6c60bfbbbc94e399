import { graphql } from '#lib/gql';

/** One item of the agent's todo list as the todos panel shows it. */
export const TodosPanelFragment = graphql(`
  fragment TodosPanel_todo on Todo {
    id
    text
    status
    order
  }
`);
