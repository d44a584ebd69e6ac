{{%AUTOESCAPE context="HTML"}}
{{! The search box; ID keeps label and field paired when a page has two forms. }}
<form role="search" action="/search" method="get">
<label for="{{ID}}"{{#HIDDEN_LABEL}} class="vh"{{/HIDDEN_LABEL}}>{{T_search_label}}</label>
<div class="row"><input id="{{ID}}" name="q" type="search" value="{{Q}}" enterkeyhint="search"><button type="submit">{{T_search_button}}</button></div>
{{#UI_FIELD}}<input type="hidden" name="ui" value="{{UI}}">{{/UI_FIELD}}
</form>
