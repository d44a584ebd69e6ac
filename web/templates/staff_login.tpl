{{%AUTOESCAPE context="HTML"}}
{{! GET /staff/login: the staff token. The CSRF value matches a short-lived cookie set with this page. }}
<h1>{{T_staff_login_title}}</h1>
{{#FAILED}}<p class="err" role="alert">{{TEXT}}</p>{{/FAILED}}
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="token">{{T_staff_login_token}}</label>
<div class="row"><input id="token" name="token" type="password" autocomplete="current-password" required><button>{{T_staff_login_button}}</button></div>
</form>
<p class="m">{{T_staff_login_help}}</p>
