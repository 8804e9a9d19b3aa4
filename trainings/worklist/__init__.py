"""The pembinaan work's kinds of worklist entries ("Perlu tindakan"), one module per concept, registered in
`registry.extensions.worklist_kinds` by `TrainingsConfig.ready()`."""
