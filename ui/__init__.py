"""What the pages share: session state, sidebar inputs and chart builders."""
