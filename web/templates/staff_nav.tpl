{{%AUTOESCAPE context="HTML"}}
{{! The staff frame's header part: who is signed in, the staff links, sign-out (a POST with the session's CSRF token); and the staff pages' few extra styles. }}
<style>
textarea,select{font:inherit;width:100%;padding:.4rem .6rem;border:2px solid #666;border-radius:4px}
select{min-height:44px}textarea.md{font-family:ui-monospace,monospace;font-size:.95rem}
.f{margin:0 0 1rem}.f small{display:block}.check{display:flex;gap:.5rem;align-items:center}.check input{flex:0;width:auto;min-height:auto}
.err{border-left:4px solid #a1262b;padding:.2rem .8rem;background:#fbeeee}.ok{border-left:4px solid #1d6b2f;padding:.2rem .8rem;background:#edf6ef}
.staff form{margin:0;display:inline}.linkb{background:none;border:0;color:#0a4f8f;text-decoration:underline;padding:.6rem 0;min-height:44px}
iframe.pv{width:100%;height:32rem;border:2px solid #666}pre.theirs{white-space:pre-wrap;border:2px solid #666;padding:.5rem;max-height:32rem}
</style>
<nav class="staff" aria-label="{{T_staff_nav}}"><ul>
<li><a href="{{DASHBOARD_URL}}">{{T_staff_dashboard}}</a></li>
<li><a href="{{NEW_URL}}">{{T_staff_new}}</a></li>
<li><form method="post" action="{{LOGOUT_URL}}"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="linkb">{{T_staff_logout}}</button></form></li>
</ul><p class="m">{{SIGNED_IN}}</p></nav>
