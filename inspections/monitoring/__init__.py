"""HMICFRS's monitoring of a force, beside the force's own governance: Scan or Engage over time, with the
reasons, and the Policing Performance Oversight Group (PPOG) meetings while in Engage. Recorded by OPCC
staff from HMICFRS's letters; shown on the force's dashboard and its inspections' pages."""
