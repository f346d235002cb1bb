//! Procedures that listen: an agent flags a rule that stopped them helping a customer
//! (`flag`), a trainer or an admin answers it once (`answer`), and everyone reads what
//! they may (`list`): the agent their own, leads their teams', trainers and admins all.

pub mod answer;
pub mod flag;
pub mod list;
